/** The values `--output` accepts, in the order help and errors list them. */
export const OUTPUT_MODES = ['json', 'csv', 'plain', 'table'] as const;
