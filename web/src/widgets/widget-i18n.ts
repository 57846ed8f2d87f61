// The widgets' way to the page's catalogs: i18n.ts's API, with the widgets' English messages
// added to the built-in English when widget code loads. They travel with the widget code, not
// in the chunk every page loads first (the course page and a static lesson's first paint need
// only the shell's). Every widget module imports t() from here, so none can format a widget
// key before its English is in place.
// The path is the same from web/src/widgets/ and from the unit tests' build/js-test/widgets/.
import enWidgets from '../../../web/i18n/en/widgets.json' with { type: 'json' };
import { type Catalog, addCatalog } from '../i18n/i18n.ts';

addCatalog('en', enWidgets as Catalog);

export * from '../i18n/i18n.ts';
