import { Injectable } from '@nestjs/common';
import { Arg, CliCommand, CliGroup, Ctx, DryRun } from '@registers/cli';
import { OpsContext } from './ops-context';
import { SERVICE_NAMES } from './service-catalog';

@CliGroup('deploy', { aliases: ['d'], description: 'Deployment workflows' })
@Injectable()
export class DeployCommands {
  @CliCommand('service', {
    description: 'Deploy one service (preview it with --dry-run)',
    examples: [
      'deploy service api',
      'd service worker 2026.05 --dry-run',
      'deploy service billing --env stage',
    ],
  })
  @DryRun()
  service(
    @Arg('name', { choices: [...SERVICE_NAMES], help: 'Service to deploy' }) name: string,
    @Arg('version', { default: 'latest', help: 'Artifact version' }) version: string,
    @Ctx() ctx: OpsContext,
  ): string {
    const action = ctx.dryRun ? 'Would deploy' : 'Deploying';
    return `${action} ${name}:${version} to ${ctx.env}/${ctx.region}`;
  }
}
