import { Module } from '@nestjs/common';
import { DeployCommands } from './deploy.commands';
import { IncidentsCommands } from './incidents.commands';
import { ServicesCommands } from './services.commands';

/** Operator commands that need no database. */
@Module({
  providers: [ServicesCommands, DeployCommands, IncidentsCommands],
})
export class OpsDeskModule {}
