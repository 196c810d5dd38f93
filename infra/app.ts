#!/usr/bin/env -S npx tsx
// CDK entry point (cdk.json: "app": "npx tsx infra/app.ts"). Stage and environment come from
// context only, e.g. `npx cdk deploy --all -c stage=prod -c region=eu-west-1`; nothing here looks up
// an account, so `npx cdk synth` works offline without credentials.
import { App } from 'aws-cdk-lib';
import { buildDeployment } from './build.js';

const app = new App();
buildDeployment(app);
app.synth();
