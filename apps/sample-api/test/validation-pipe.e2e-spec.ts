/**
 * The API's validation pipe when a class-validator rule throws instead of answering: a 400
 * naming the field whose rule threw (also inside nested DTOs), never a 500, and a warn line that
 * does not quote the error's message. No database: the pipe is called as Nest calls it.
 */
import { BadRequestException, Logger } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { createValidationPipe } from '../src/common/validation.pipe';
import { RecordingLogger } from './support/api-app';

class Line {
  @IsInt() quantity!: number;
  // class-validator's own check: `String(1e-7)` has no '.', and reading its decimals throws.
  @IsNumber({ maxDecimalPlaces: 2 }) amount!: number;
}

class Basket {
  @IsString() label!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

/** A rule that throws on one value, with a message quoting it (as some rules do). */
const ThrowsOnSecret = () =>
  ValidateBy({
    name: 'throwsOnSecret',
    validator: {
      validate: (value: unknown) => {
        if (value === 'hunter2hunter2') throw new URIError(`cannot read ${String(value)}`);
        return true;
      },
    },
  });

class Login {
  @IsString() user!: string;
  @ThrowsOnSecret() password!: string;
}

async function refusal(run: Promise<unknown>) {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse() as { issues: unknown };
}

describe('sample api validation pipe and rules that throw', () => {
  const pipe = createValidationPipe();
  const logger = new RecordingLogger();
  beforeAll(() => Logger.overrideLogger(logger));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('names the nested field whose rule threw (lines.1.amount) with a 400', async () => {
    const body = {
      label: 'x',
      lines: [
        { quantity: 1, amount: 1.5 },
        { quantity: 2, amount: 1e-7 },
      ],
    };
    const response = await refusal(pipe.transform(body, { type: 'body', metatype: Basket }));
    expect(response.issues).toEqual([
      {
        field: 'lines.1.amount',
        messages: [
          'lines.1.amount could not be checked by its validation rules; send the type and format the API documents',
        ],
      },
    ]);
  });

  it('names a top-level field, and logs a warn line without the error message or the value', async () => {
    const before = logger.lines.length;
    const response = await refusal(
      pipe.transform(
        { user: 'ada', password: 'hunter2hunter2' },
        { type: 'body', metatype: Login },
      ),
    );
    expect(response.issues).toEqual([
      {
        field: 'password',
        messages: [
          'password could not be checked by its validation rules; send the type and format the API documents',
        ],
      },
    ]);
    expect(logger.lines.slice(before)).toEqual([
      'warn A validation rule threw URIError on Login.password; answered 400 RequestValidation',
    ]);
  });

  it('validates as before when no rule throws', async () => {
    const ok = await pipe.transform(
      { label: 'x', lines: [{ quantity: 1, amount: 1.5 }] },
      { type: 'body', metatype: Basket },
    );
    expect(ok).toBeInstanceOf(Basket);
    const response = await refusal(
      pipe.transform(
        { label: 'x', lines: [{ quantity: 1.5, amount: 1 }] },
        {
          type: 'body',
          metatype: Basket,
        },
      ),
    );
    expect(response.issues).toEqual([
      { field: 'lines.0.quantity', messages: ['lines.0.quantity must be an integer number'] },
    ]);
  });
});
