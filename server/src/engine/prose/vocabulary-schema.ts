// The schema of the language-wide prose words (templates/prose.json), which the tests hold the words to: a module of
// its own, so that the engine does not build it at every start.
import schema from '../../templates/prose.schema.json' with { type: 'json' };

export const PROSE_SCHEMA: object = schema;
