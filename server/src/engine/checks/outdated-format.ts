// outdated-format: the report is in a format that was superseded for its year (2019 tables in a 2021+ report,
// the pre-2019 structure in a 2019/2020 report).
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { templateForYear } from '../bind/index.js';
import { finding, documentRange, type Check } from './check.js';
import { msg } from '../message.js';

export const outdatedFormat: Check = {
  codes: ['outdated-format'],
  run(context) {
    const { binding, model } = context;
    const template = binding.template;
    const year = model.year?.value;
    if (!template || year === undefined || !template.years || !binding.sections?.matches.length) return [];
    const to = template.years.to;
    if (to === undefined || year <= to) return [];
    const current = templateForYear(year, BUILTIN_TEMPLATES);
    if (!current || current.id === template.id) return [];
    return [finding('outdated-format', model.year!.source === 'text' ? documentRange(context) : model.year!.range, msg('outdated-format.this-is-a-report-for', { year, name: template.name, name2: current.name }))];
  },
};
