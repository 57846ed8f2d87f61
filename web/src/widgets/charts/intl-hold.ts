// Evaluated just before uPlot's module (charts/uplot.ts imports the three in order): uPlot reads
// the local time zone when it loads (`new Intl.DateTimeFormat().resolvedOptions().timeZone`),
// for time axes and `uPlot.tzDate`, which these charts never use (every x scale is `time:
// false`). A page's first DateTimeFormat builds ICU's date patterns: 40-70 ms, 150-250 ms with
// the CPU throttled 4x, all inside the task that evaluates the widget code (tools/lab bench case
// 6). While uPlot loads, DateTimeFormat is a stand-in that answers that one question without
// ICU; intl-release.ts puts the real one back right after.
export const realDateTimeFormat = Intl.DateTimeFormat;

function standIn(): Pick<Intl.DateTimeFormat, 'resolvedOptions'> {
  return { resolvedOptions: () => ({ timeZone: '' }) as Intl.ResolvedDateTimeFormatOptions };
}

(Intl as { DateTimeFormat: unknown }).DateTimeFormat = standIn;
