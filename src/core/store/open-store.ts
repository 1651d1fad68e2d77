import { Database } from './database.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

/** Opens the database file and brings its schema up to date. */
export async function openStore(path: string): Promise<Database> {
  const db = await Database.open(path);
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
