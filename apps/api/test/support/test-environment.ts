import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { AuthResponse, RegisterRequest } from '@callshop/contracts';
import { configureApp } from '@callshop/api/core';
import { AppModule } from '../../src/app/app.module';
import { createTestDatabase, dropDatabase } from './test-database';

export interface TestUser extends AuthResponse {
  /** `Authorization` header value. */
  auth: string;
  password: string;
}

export interface TestEnvironment {
  app: INestApplication;
  /** Base URL of the listening server, e.g. for Socket.io clients. */
  url: string;
  databaseUrl: string;
  http: () => ReturnType<typeof request>;
  registerCustomer(overrides?: Partial<RegisterRequest>): Promise<TestUser>;
  registerSeller(overrides?: Partial<RegisterRequest>): Promise<TestUser>;
  close(): Promise<void>;
}

/**
 * The password of every account the tests sign up: new passwords must pass the strength rule
 * (docs/security.md), so never a common one like the demo accounts' `demo-password`.
 */
export const TEST_PASSWORD = 'kettle-violin-harbour-7';

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * Boots the real API (every module, real PostgreSQL) on a fresh database and a random port.
 * `env` overrides configuration for this server (e.g. a short ring timeout).
 */
export async function createTestEnvironment(
  options: {
    label?: string;
    env?: Record<string, string>;
    /** Boot on this existing database (e.g. one left by a previous instance) instead of a fresh one. */
    databaseUrl?: string;
    /** Leave the database in place on close (a later instance reuses it and drops it). */
    keepDatabase?: boolean;
  } = {},
): Promise<TestEnvironment> {
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => dropDatabase(options.databaseUrl as string) }
    : await createTestDatabase(options.label);
  const previous: Record<string, string | undefined> = {};
  const env = { DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', ...options.env };
  for (const [k, v] of Object.entries(env)) {
    previous[k] = process.env[k];
    process.env[k] = v;
  }
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const http = () => request(app.getHttpServer());

  const register = async (
    role: 'customer' | 'seller',
    overrides: Partial<RegisterRequest> = {},
  ): Promise<TestUser> => {
    const id = unique();
    const body: RegisterRequest = {
      role,
      name: role === 'seller' ? `Seller ${id}` : `Customer ${id}`,
      email: `${role}-${id}@test.example`,
      password: TEST_PASSWORD,
      ...(role === 'seller' ? { shopName: `Shop ${id}`, phoneNumber: '+1 555 000 1111' } : {}),
      ...overrides,
    };
    const res = await http().post('/api/v2/auth/register').send(body);
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...(res.body as AuthResponse), auth: `Bearer ${res.body.accessToken}`, password: body.password };
  };

  return {
    app,
    url,
    databaseUrl: db.url,
    http,
    registerCustomer: (o) => register('customer', o),
    registerSeller: (o) => register('seller', o),
    close: async () => {
      await app.close();
      if (!options.keepDatabase) await db.drop();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
