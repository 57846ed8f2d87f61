// JSON Schema (draft-07, which editors support widely) from the engine's declarations:
// `lab-cli options` (the experiment spec) and `lab-cli formats` (lesson front matter, the
// widget section and the lesson catalog), both in describe_schema's vocabulary ({name, type,
// doc, default, required, min, max, min_exclusive, max_exclusive, choices, max_items, fields,
// variants}, plus
// `json_schema` for a rule the vocabulary has no word for). No rule is written here: this
// file only translates. tools/gen_docs.mjs writes the results to schema/.
//
// The engine reads a null value as "not given" (apply_schema, check_fields), so an optional
// field also accepts null; a required one does not.

const DRAFT = 'http://json-schema.org/draft-07/schema#';

function range(schema, o) {
  if ('min' in o) schema[o.min_exclusive ? 'exclusiveMinimum' : 'minimum'] = o.min;
  if ('max' in o) schema[o.max_exclusive ? 'exclusiveMaximum' : 'maximum'] = o.max;
  return schema;
}

// `json_schema` adds to what the type gave; its `items` add to the items' schema.
function merge(schema, extra = {}) {
  const { items, ...rest } = extra;
  Object.assign(schema, rest);
  if (items) schema.items = { ...(schema.items ?? {}), ...items };
  return schema;
}

function valueSchema(o) {
  const list = (items) => {
    const s = { type: 'array', items };
    if (o.max_items) s.maxItems = o.max_items;
    return s;
  };
  switch (o.type) {
    case 'number': return range({ type: 'number' }, o);
    case 'integer': return range({ type: 'integer' }, o);
    case 'boolean': return { type: 'boolean' };
    case 'string': return o.choices ? { type: 'string', enum: o.choices } : { type: 'string' };
    case 'choice': return { type: 'string', enum: o.choices };
    case 'number list': return list(range({ type: 'number' }, o));
    case 'integer list': return list(range({ type: 'integer' }, o));
    case 'string list': return list({ type: 'string' });
    case 'list': return list({});
    case 'object': return o.fields ? objectSchema(o.fields) : { type: 'object' };
    case 'object list': return list(objectSchema(o.fields));
    case 'variant': return variantSchema(o);
    case 'any': return {};
    default: throw new Error(`json-schema: option '${o.name}' has an unknown type '${o.type}'`);
  }
}

function withNull(schema) {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
  return schema;  // "any" already accepts null
}

export function optionSchema(o) {
  let schema = merge(valueSchema(o), o.json_schema);
  if (!o.required) schema = withNull(schema);
  const described = {};
  if (o.doc) described.description = o.doc;
  if ('default' in o) described.default = o.default;
  return { ...described, ...schema };
}

// {name, options} -> an object whose keys are exactly the declared ones (unknown keys are
// errors in the engine).
function properties(section) {
  const props = {};
  for (const o of section.options) props[o.name] = optionSchema(o);
  const required = section.options.filter((o) => o.required).map((o) => o.name);
  return { properties: props, ...(required.length ? { required } : {}), additionalProperties: false };
}

export function objectSchema(section) {
  return { type: 'object', ...properties(section) };
}

// A section whose "type" picks its fields. Without "type" the default variant applies, so
// its `if` must also match a missing "type"; the others require it.
function variantSchema(o) {
  const names = Object.keys(o.variants);
  const fallback = o.default?.type;
  const typeSchema = { type: 'string', enum: names, ...(fallback ? { default: fallback } : {}) };
  return {
    type: 'object',
    properties: { type: typeSchema },
    ...(o.required_type ? { required: ['type'] } : {}),
    allOf: names.map((name) => {
      const own = properties(o.variants[name]);
      return {
        if: { ...(name === fallback ? {} : { required: ['type'] }), properties: { type: { const: name } } },
        then: { ...own, properties: { type: { const: name }, ...own.properties } },
      };
    }),
  };
}

// No $id: a relative $ref then resolves against where the file was read from (the served
// /schema/ folder or schema/ in a checkout), which is what editors do.
function document(title, description, body) {
  return { $schema: DRAFT, title, description, ...body };
}

/** The four schema files, {file name: schema}, from the two engine answers. */
export function schemaFiles(options, formats) {
  // The spec declares "widget" as any value (runs ignore it); its shape comes from the formats.
  if (!options.options.some((o) => o.name === 'widget')) throw new Error('json-schema: the spec declares no "widget" option');
  const spec = { ...options, options: options.options.map((o) => (o.name === 'widget' ? { ...o, ...formats.widget, required: false } : o)) };
  const specSchema = document('Experiment spec',
    'An experiment spec for lab-cli run / the engine (docs/spec.md); generated from the engine\'s declarations by tools/lab docs.',
    objectSchema(spec));
  const widgetSchema = document('Widget file',
    'A widget file: an experiment spec with a required "widget" section (docs/widgets.md); generated by tools/lab docs.',
    { type: 'object', allOf: [{ $ref: 'spec.schema.json' }], required: ['widget'], properties: { widget: { type: 'object' } } });
  const lessonSchema = document('Lesson front matter',
    'The YAML front matter of a lesson file (docs/widgets.md); generated from the engine\'s field tables by tools/lab docs.',
    objectSchema(formats.lesson));
  const catalogSchema = document('Lesson catalog',
    'The course\'s lesson catalog, lessons/index.json (docs/authoring.md); generated from the engine\'s field tables by tools/lab docs.',
    objectSchema(formats.catalog));
  const widgetTextSchema = document('Widget text',
    'The text of a widget file in another language, widgets/i18n/STEM.LANG.json (docs/i18n.md); generated from the engine\'s field tables by tools/lab docs.',
    objectSchema(formats.widget_text));
  return { 'spec.schema.json': specSchema, 'widget.schema.json': widgetSchema, 'lesson.schema.json': lessonSchema, 'catalog.schema.json': catalogSchema, 'widget-text.schema.json': widgetTextSchema };
}
