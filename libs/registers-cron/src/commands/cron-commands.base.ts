import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { REGISTERS_CRON_OPTIONS } from '../common/constants';
import { CronConfigurationError } from '../common/errors';
import { messages } from '../common/messages';
import { CronRegistry } from '../cron.registry';
import { CronService } from '../cron.service';
import type { RegistersCronModuleOptions } from '../interfaces/cron-module-options.interface';

/**
 * What every group of `cron …` commands works with: the application's CronService and
 * CronRegistry, looked up when the module starts (a console without RegistersCronModule
 * fails there, with a message that says what to import).
 */
@Injectable()
export abstract class CronCommandsBase implements OnModuleInit {
  private service?: CronService;
  private jobRegistry?: CronRegistry;
  protected moduleOptions: RegistersCronModuleOptions = {};

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    try {
      this.service = this.moduleRef.get(CronService, { strict: false });
      this.jobRegistry = this.moduleRef.get(CronRegistry, { strict: false });
      this.moduleOptions = this.moduleRef.get(REGISTERS_CRON_OPTIONS, { strict: false });
    } catch {
      throw new CronConfigurationError(messages.noCronService);
    }
  }

  protected get cron(): CronService {
    return this.service!;
  }

  protected get registry(): CronRegistry {
    return this.jobRegistry!;
  }
}
