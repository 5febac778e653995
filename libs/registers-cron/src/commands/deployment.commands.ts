import { Arg, CliCommand, CommandContext, Ctx, DryRun } from '@registers/cli';
import { applyArtifacts, ARTIFACT_TARGETS, type ArtifactTarget } from '../artifacts';
import { applyText, artifactsText, skippedLine } from './cron-output';
import { artifactJob, consoleArtifactContext, generateFor, writeArtifacts } from './deployment';
import { CronWorkflowCommands } from './workflow.commands';

/** `cron generate`, `cron apply`: the jobs' schedules as files for a host scheduler, and installing them. */
export abstract class CronDeploymentCommands extends CronWorkflowCommands {
  @CliCommand('generate', {
    description: 'Print (or --write) the deployment files of the scheduled jobs for a target',
    examples: [
      'cron generate --target linux_cron',
      'cron generate --target kubernetes --job nightly --write',
    ],
  })
  generate(
    @Arg('target', {
      optional: true,
      choices: ARTIFACT_TARGETS,
      help: "Where the jobs run (default: each job's own target)",
    })
    target: ArtifactTarget | undefined,
    @Arg('job', { optional: true, help: 'Only this job' }) job: string | undefined,
    @Arg('write', { help: 'Write each file to its deployment path under the working directory' })
    write: boolean,
    @Ctx() ctx: CommandContext,
  ) {
    const jobs = job !== undefined ? [this.registry.get(job)] : this.registry.all();
    const { artifacts, skipped } = generateFor(
      jobs.map(artifactJob),
      target,
      consoleArtifactContext(),
    );
    for (const s of skipped) ctx.log(skippedLine(s));
    if (write) return this.write(artifacts, ctx);
    if (ctx.output !== 'plain') return artifacts;
    return artifacts.length > 0 ? artifactsText(artifacts) : 'Nothing to generate.';
  }

  private async write(artifacts: Parameters<typeof writeArtifacts>[0], ctx: CommandContext) {
    const paths = await writeArtifacts(artifacts, process.cwd());
    if (ctx.output !== 'plain') {
      return artifacts.map((a) => ({ target: a.target, job: a.job, path: a.path }));
    }
    return paths.length > 0 ? paths.map((p) => `Wrote ${p}`).join('\n') : 'Nothing to write.';
  }

  @CliCommand('apply', {
    description: "Install the jobs in the host's scheduler (linux_cron: the user's crontab)",
    examples: ['cron apply --target linux_cron --dry-run'],
    mcp: { destructive: true },
  })
  @DryRun()
  async apply(
    @Arg('target', { choices: ARTIFACT_TARGETS, help: 'Scheduler to install into' })
    target: ArtifactTarget,
    @Ctx() ctx: CommandContext,
  ) {
    const generated = generateFor(
      this.registry.all().map(artifactJob),
      target,
      consoleArtifactContext(),
    );
    for (const s of generated.skipped) ctx.log(skippedLine(s));
    const result = await applyArtifacts(generated, target, { dryRun: ctx.dryRun });
    return ctx.output === 'plain'
      ? applyText(result, ctx.dryRun)
      : { ...result, dryRun: ctx.dryRun };
  }
}
