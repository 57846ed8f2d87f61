// uPlot, loaded without building ICU's date patterns (intl-hold.ts says why). The chart code
// imports uPlot's value from here; types may come from 'uplot' directly.
import './intl-hold.ts';
import uPlot from 'uplot';
import './intl-release.ts';

export default uPlot;
