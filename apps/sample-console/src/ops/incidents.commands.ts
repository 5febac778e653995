import { Injectable } from '@nestjs/common';
import { Arg, CliCommand, CliGroup, Ctx } from '@registers/cli';
import { OpsContext } from './ops-context';
import { SERVICE_NAMES, SERVICE_OWNERS, ServiceName } from './service-catalog';

export interface IncidentPage {
  env: string;
  region: string;
  service: string;
  severity: string;
  page: string;
}

@CliGroup('incidents', { aliases: ['inc'], description: 'Incident runbooks' })
@Injectable()
export class IncidentsCommands {
  @CliCommand('page', {
    description: 'Prepare a page for the team that owns a service',
    defaultOutput: 'json',
    examples: ['incidents page api sev1', 'inc page worker'],
    mcp: { readOnly: true },
  })
  page(
    @Arg('service', { choices: [...SERVICE_NAMES], help: 'Impacted service' }) service: ServiceName,
    @Arg('severity', {
      choices: ['sev1', 'sev2', 'sev3'],
      default: 'sev2',
      help: 'Incident severity',
    })
    severity: string,
    @Ctx() ctx: OpsContext,
  ): IncidentPage {
    return {
      env: ctx.env,
      region: ctx.region,
      service,
      severity,
      page: `${SERVICE_OWNERS[service]}-oncall`,
    };
  }
}
