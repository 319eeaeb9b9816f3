/**
 * Bulk loading the way pg_restore does it: drop the big tables' keys, foreign keys and indexes, load the rows,
 * then build every index in one pass and validate every foreign key with one join. The definitions are read
 * from the catalog first (pg_get_constraintdef / pg_get_indexdef), so exactly what the migrations created
 * comes back, whatever the migrations say today.
 */
import type pg from "pg";

export type Saved = {
  constraints: { table: string; name: string; type: string; def: string }[];
  indexes: { name: string; def: string }[];
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dropKeysAndIndexes(client: pg.Client, tables: string[]): Promise<Saved> {
  const regclasses = tables.map(q);
  // Keys, unique constraints and foreign keys on these tables, and foreign keys elsewhere that point at them.
  const { rows: constraints } = await client.query<{ table: string; name: string; type: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, c.contype as type, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
      where c.contype in ('p', 'u', 'f')
        and (c.conrelid = any($1::regclass[]) or c.confrelid = any($1::regclass[]))`,
    [regclasses],
  );
  // Indexes that do not back a constraint (Prisma's @@index and @@unique are plain CREATE [UNIQUE] INDEX).
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [regclasses],
  );
  for (const c of constraints.filter((c) => c.type === "f"))
    await client.query(`alter table ${c.table} drop constraint ${q(c.name)}`);
  for (const c of constraints.filter((c) => c.type !== "f"))
    await client.query(`alter table ${c.table} drop constraint ${q(c.name)}`);
  for (const i of indexes) await client.query(`drop index ${i.name}`);
  return { constraints, indexes };
}

export async function restoreKeysAndIndexes(client: pg.Client, saved: Saved, log: (m: string) => void): Promise<void> {
  const timed = async (label: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  for (const c of saved.constraints.filter((c) => c.type !== "f"))
    await timed(`${c.table}: ${c.name}`, `alter table ${c.table} add constraint ${q(c.name)} ${c.def}`);
  for (const i of saved.indexes) await timed(i.name, i.def);
  for (const c of saved.constraints.filter((c) => c.type === "f"))
    await timed(`${c.table}: ${c.name}`, `alter table ${c.table} add constraint ${q(c.name)} ${c.def}`);
}
