import { DataSource } from 'typeorm';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';

/**
 * The schema comes from the migrations only; the entities must describe the same tables and
 * columns. Constraints and indexes are declared in the migrations alone (TypeORM would drop
 * them), so only table- and column-level differences count here.
 */
describe('database schema (real PostgreSQL)', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'schema' });
  });
  afterAll(() => env.close());

  it('has the tables and columns the entities describe, and nothing the migrations left out', async () => {
    const { upQueries } = await env.app.get(DataSource).driver.createSchemaBuilder().log();
    const columnChanges = upQueries
      .map((q) => q.query)
      .filter((sql) => /CREATE TABLE|DROP TABLE|ADD "|COLUMN/.test(sql))
      // TypeORM reads the jsonb default back as text and always finds it changed.
      .filter((sql) => !/ALTER COLUMN "images" SET DEFAULT '\[\]'::jsonb/.test(sql));
    expect(columnChanges).toEqual([]);
  });
});
