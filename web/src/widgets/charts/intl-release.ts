// Evaluated right after uPlot's module: the real Intl.DateTimeFormat back (see intl-hold.ts).
import { realDateTimeFormat } from './intl-hold.ts';

(Intl as { DateTimeFormat: unknown }).DateTimeFormat = realDateTimeFormat;
