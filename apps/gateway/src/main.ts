import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { configOrExit, JsonLogger, transportKind, validationError } from '@clinic/platform';
import type { FastifyRequest } from 'fastify';
import { GatewayModule } from './gateway.module';
import { HttpErrorFilter } from './http/http-error.filter';

const BODY_LIMIT_BYTES = 1024 * 1024;

async function main() {
  const config = configOrExit('gateway');
  const logger = new JsonLogger('gateway', config.env.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.env.TRUST_PROXY,
    // Keep a caller's request id if it is a sane one, so a trace can start before the gateway.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  // rawBody: WeChat Pay signs its notifications over the exact bytes.
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, logger), adapter, { logger, rawBody: true });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => validationError(errors) }),
  );
  app.useGlobalFilters(new HttpErrorFilter(logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req: FastifyRequest, reply) => {
    // The route pattern, never the raw URL: query strings may hold phone numbers.
    logger.event('info', 'Http', 'request', { requestId: req.id, method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });

  const docs = new DocumentBuilder().setTitle('诊所信息系统 API').setDescription('Clinic information system, /api/v1').setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs));

  const h5Dir = config.env.CLINIC_H5_DIR ? resolve(config.env.CLINIC_H5_DIR) : resolve(__dirname, '../../mini-client/dist/h5');
  if (existsSync(resolve(h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: h5Dir, prefix: '/', decorateReply: false });
  } else {
    logger.event('warn', 'Bootstrap', 'H5 build not found; run npm run build -w @clinic/mini-client', { h5Dir });
    fastify.get('/', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('H5 客户端尚未构建：请运行 npm run build:h5 -w @clinic/mini-client'));
  }

  await app.listen(config.env.PORT, '0.0.0.0');
  logger.event('info', 'Bootstrap', 'gateway ready', { port: config.env.PORT, transport: transportKind(config) });
}

void main().catch((err) => {
  process.stderr.write(`gateway failed to start: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
