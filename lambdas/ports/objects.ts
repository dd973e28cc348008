import type { RawObject } from '../core/model';

/** Where raw objects are read from and where bad ones are kept aside. */
export interface ObjectSource {
  getObject(ref: { bucket?: string; key: string; version?: string }): Promise<RawObject>;
  /** Keeps the original aside under a quarantine prefix with the error; returns where it went. */
  quarantine(object: RawObject, error: string): Promise<string | undefined>;
}
