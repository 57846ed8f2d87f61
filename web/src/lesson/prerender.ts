// The site build's way into the lesson page's own rendering: web/scripts/static-lessons.mjs
// bundles this file and runs it in a jsdom window that holds the built lesson.html, once per
// lesson; what renderLessonText puts into the page is then written out as that lesson's static
// page. The browser runs the same renderLessonText for a lesson the build did not see, so the
// two can never render the text differently. The page's script (pages/lesson.ts) finds the
// data attributes set here and makes the page live instead of rendering it again.
import type { Diagnostic } from '../runtime/engine-api.ts';
import { renderLessonText } from './lesson-page.ts';
import { setMetaDescription } from '../dom.ts';
import { type Catalog, addCatalog, markDocument, t, useLocale } from '../i18n/i18n.ts';
import { translatePage } from '../i18n/page-text.ts';
import { type CatalogEntry, type Lesson, lessonDescription, setLessonPages } from './lesson-model.ts';

// The page's rules the build plans with: which ids are lesson ids, a lesson's page name, and
// which file-name parts are language tags (the engine's rule, generated).
export { isLessonId, staticPageName } from './lesson-model.ts';
export { LANGUAGE_TAG } from '../generated/engine-types.ts';

export interface PrerenderInput {
  /** The lesson id the page is for (its progress key, as lesson.html?id= would be; a
   *  translation's is its original's). */
  id: string;
  /** The page's locale: its lesson's language. */
  lang: string;
  /** That locale's messages, precompiled by the build (null: English, built in). */
  messages: Catalog | null;
  lesson: Lesson;
  diagnostics: Diagnostic[];
  catalog: CatalogEntry[];
  /** The lesson file's path from the site root (lessons/x.md): relative links resolve from it. */
  lessonPath: string;
  /** SHA-256 of the lesson file's and the catalog's text ('none' without a catalog). */
  lessonSha256: string;
  catalogSha256: string;
  /** The build's parse of that text (parsed-lessons/…json): the page goes live from it. */
  parsedFile: string;
  /** Every static page of the site (id -> file), so links between lessons go to them. */
  pages: Record<string, string>;
}

export async function prerenderLesson(input: PrerenderInput): Promise<void> {
  if (input.messages) addCatalog(input.lang, input.messages);
  input.lesson.lang ||= input.lang;  // an engine that does not give `lang` yet: the build's reading of the file name
  const lang = await useLocale(input.lang);
  markDocument(lang);
  if (lang !== 'en') translatePage(document);
  setLessonPages(input.pages);
  const siteRoot = new URL('./', document.baseURI);
  const layout = document.getElementById('lesson-layout')!;
  const status = document.getElementById('lesson-status')!;
  layout.replaceChildren(...renderLessonText({
    lesson: input.lesson, progressId: input.id, lessonUrl: new URL(input.lessonPath, siteRoot), siteRoot,
    catalog: input.catalog, diagnostics: input.diagnostics,
  }));
  layout.hidden = false;
  layout.dataset.lessonId = input.id;
  layout.dataset.lessonPath = input.lessonPath;  // a translation's page loads its own file
  layout.dataset.lessonSha256 = input.lessonSha256;
  layout.dataset.catalogSha256 = input.catalogSha256;
  layout.dataset.lessonParsed = input.parsedFile;
  status.replaceChildren();
  status.hidden = true;
  document.title = t('page.title', { title: input.lesson.title });
  setMetaDescription(document, lessonDescription(input.lesson));
}
