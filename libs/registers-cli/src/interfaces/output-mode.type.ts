export type OutputMode = 'json' | 'csv' | 'plain' | 'table';
