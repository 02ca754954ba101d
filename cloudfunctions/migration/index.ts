// migration: members, balances and tiers brought from a legacy system (admins; docs/migration.md).
import { migration } from '../../contract/migration';
import { defineFunction, staffAction, staffWrite } from '../runtime/handler';
import { createJob, issues, jobAction, listJobs, step, uploadPart } from './jobs';

export const main = defineFunction({
  name: 'migration',
  contract: migration,
  actions: {
    createJob: staffWrite(createJob),
    // Parts are not audited one by one (the entry would keep the bytes): the job's creation names the file, and the
    // finished commit is entered with its summary (jobs.ts).
    uploadPart: staffAction(uploadPart),
    step: staffAction(step),
    job: staffAction(jobAction),
    issues: staffAction(issues),
    listJobs: staffAction(listJobs),
  },
});
