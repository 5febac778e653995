import { Injectable, Type } from '@nestjs/common';
import {
  CLI_ARGS_METADATA,
  CLI_COMMAND_METADATA,
  CLI_CONFIRM_METADATA,
  CLI_CONTEXT_METADATA,
  CLI_CTX_PARAM_METADATA,
  CLI_DRY_RUN_METADATA,
  CLI_GROUP_METADATA,
} from './decorators/metadata-keys';
import { CliArgMetadata } from './interfaces/cli-arg-options.interface';
import { CliCommandMetadata } from './interfaces/cli-command-options.interface';
import { CliContextOptions } from './interfaces/cli-context-options.interface';
import { CliGroupMetadata } from './interfaces/cli-group-options.interface';

/** The one place that reads @registers/cli decorator metadata. */
@Injectable()
export class CliMetadataAccessor {
  getGroup(target: Function): CliGroupMetadata | undefined {
    return Reflect.getMetadata(CLI_GROUP_METADATA, target);
  }

  getContextOptions(target: Function): CliContextOptions | undefined {
    return Reflect.getMetadata(CLI_CONTEXT_METADATA, target);
  }

  getCommand(handler: Function): CliCommandMetadata | undefined {
    return Reflect.getMetadata(CLI_COMMAND_METADATA, handler);
  }

  isDryRun(handler: Function): boolean {
    return Reflect.getMetadata(CLI_DRY_RUN_METADATA, handler) === true;
  }

  getConfirm(handler: Function): string | undefined {
    return Reflect.getMetadata(CLI_CONFIRM_METADATA, handler);
  }

  getArgs(prototype: object, methodName: string): CliArgMetadata[] {
    const args: CliArgMetadata[] =
      Reflect.getMetadata(CLI_ARGS_METADATA, prototype, methodName) ?? [];
    return [...args].sort((a, b) => a.index - b.index);
  }

  getCtxIndexes(prototype: object, methodName: string): number[] {
    return Reflect.getMetadata(CLI_CTX_PARAM_METADATA, prototype, methodName) ?? [];
  }

  getParamTypes(prototype: object, methodName: string): Array<Type<unknown> | undefined> {
    return Reflect.getMetadata('design:paramtypes', prototype, methodName) ?? [];
  }
}
