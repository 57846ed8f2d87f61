// The custom element that draws a widget type (lesson front matter, widget JSON): the type's
// name in kebab case, optimization_lab -> <optimization-lab>. Which types exist is the engine's
// to say (widgetVocabulary; it checks the types in lessons and widget files); this is only the
// naming rule, kept apart from the elements so a page can place widget tags before their code.
export const widgetElement = (type: string): string => type.replace(/_/g, '-');
