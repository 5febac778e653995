import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createSampleApi } from './create-sample-api';

async function bootstrap(): Promise<void> {
  const app = await createSampleApi();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  new Logger('SampleApi').log(`Listening on http://localhost:${port} (docs at /docs)`);
}

void bootstrap();
