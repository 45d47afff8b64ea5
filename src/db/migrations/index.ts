/**
 * Every migration, in order. Add a timestamped file and list it here; never edit one that landed.
 */
import type { Migration } from 'kysely';
import * as core from './20261127T1700_core.js';
import * as rulesPakn from './20261127T1800_rules_pakn.js';
import * as web from './20261127T1900_web.js';
import * as crawl from './20261127T2030_crawl.js';
import * as appeals from './20261127T2100_appeals.js';
import * as hostSlots from './20261127T2200_host_slots.js';
import * as demoProvinces from './20261204T2110_demo_provinces.js';
import * as mail from './20261204T2130_mail.js';
import * as crawlCompleteness from './20261204T2150_crawl_completeness.js';
import * as computedReview from './20261204T2100_computed_review.js';
import * as usernamesPerProvince from './20261205T0030_usernames_per_province.js';

export const migrations: Record<string, Migration> = {
  '20261127T1700_core': core,
  '20261127T1800_rules_pakn': rulesPakn,
  '20261127T1900_web': web,
  '20261127T2030_crawl': crawl,
  '20261127T2100_appeals': appeals,
  '20261127T2200_host_slots': hostSlots,
  '20261204T2110_demo_provinces': demoProvinces,
  '20261204T2130_mail': mail,
  '20261204T2150_crawl_completeness': crawlCompleteness,
  '20261204T2100_computed_review': computedReview,
  '20261205T0030_usernames_per_province': usernamesPerProvince,
};
