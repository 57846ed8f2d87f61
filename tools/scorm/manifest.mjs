// imsmanifest.xml of a one-lesson SCORM 1.2 package: the IMS Content Packaging manifest as
// SCORM 1.2 profiles it (namespace imscp_rootv1p1p2, ADL's adlcp_rootv1p2), with one
// organization holding one item that launches one SCO resource: the lesson's static page, with
// a <file> for every file in the package.

export const NS_IMSCP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
export const NS_ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const escapeXml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An xs:ID (an XML NCName) made from `text`: letters, digits, ".", "-" and "_", starting with
 *  a letter or "_". */
export function xmlId(prefix, text) {
  return `${prefix}-${String(text).replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** A file's href: its path with each segment URL-encoded (the paths the build writes need none). */
const href = (path) => path.split('/').map(encodeURIComponent).join('/');

/** The manifest for lesson `id` titled `title`, launching `launch`, listing `files` (paths in
 *  the package, launch page included). */
export function scormManifest({ id, title, launch, files }) {
  const org = xmlId('ORG', id);
  const item = xmlId('ITEM', id);
  const res = xmlId('RES', id);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlId('ML-LAB', id)}" version="1.0"
    xmlns="${NS_IMSCP}"
    xmlns:adlcp="${NS_ADLCP}"
    xmlns:xsi="${NS_XSI}"
    xsi:schemaLocation="${NS_IMSCP} imscp_rootv1p1p2.xsd ${NS_ADLCP} adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${escapeXml(title)}</title>
      <item identifier="${item}" identifierref="${res}" isvisible="true">
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${res}" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(href(launch))}">
${files.map((f) => `      <file href="${escapeXml(href(f))}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}
