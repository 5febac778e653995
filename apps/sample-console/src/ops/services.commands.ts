import { Injectable } from '@nestjs/common';
import { CliCommand, CliGroup, Ctx } from '@registers/cli';
import { OpsContext } from './ops-context';
import { SERVICE_NAMES, SERVICE_OWNERS } from './service-catalog';

export interface ServiceRow {
  service: string;
  owner: string;
  env: string;
  region: string;
}

@CliGroup('services', { aliases: ['svc'], description: 'Service inventory' })
@Injectable()
export class ServicesCommands {
  @CliCommand('list', {
    description: 'List services in the selected environment',
    examples: [
      'services list',
      'services list --env stage --region us-west-2',
      'svc list --output table',
    ],
    mcp: { readOnly: true },
  })
  list(@Ctx() ctx: OpsContext): ServiceRow[] {
    return SERVICE_NAMES.map((service) => ({
      service,
      owner: SERVICE_OWNERS[service],
      env: ctx.env,
      region: ctx.region,
    }));
  }
}
