import { describe, expect, it } from 'vitest';
import { clearLocalDrafts, storageKeyFor } from './useLocalDraft';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('browser-kept unsaved input', () => {
  it('is kept per user', () => {
    expect(storageKeyFor('user-a', 'db-outage')).not.toBe(storageKeyFor('user-b', 'db-outage'));
    expect(storageKeyFor('user-a', null)).toContain('user-a');
  });

  it('is all removed on sign-out, and nothing else is', () => {
    const storage = new MemoryStorage();
    storage.setItem(storageKeyFor('user-a', null), '{}');
    storage.setItem(storageKeyFor('user-b', 'x'), '{}');
    storage.setItem('pmkb:incident-form:legacy-slug', '{}');
    storage.setItem('theme', 'dark');
    clearLocalDrafts(storage);
    expect(storage.length).toBe(1);
    expect(storage.getItem('theme')).toBe('dark');
  });
});
