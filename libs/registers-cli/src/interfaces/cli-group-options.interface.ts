export interface CliGroupOptions {
  /** Other names of the group, e.g. `['svc']` for `services`. */
  aliases?: string[];
  description?: string;
}

export interface CliGroupMetadata extends CliGroupOptions {
  name: string;
}
