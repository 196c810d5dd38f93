#!/usr/bin/env -S npx tsx
// CDK entry point (cdk.json: "app": "npx tsx infra/app.ts"). Stage and environment come from
// context only, e.g. `npx cdk deploy --all -c stage=prod -c region=eu-west-1`; nothing here looks up
// an account, so `npx cdk synth` works offline without credentials.
// The dashboard's built files are part of the deployment: build them first when missing or stale
// (esbuild, offline, about a second). Tests synthesise through infra/build.ts and pick the folder
// with the `dashboardDist` context.
import { App } from 'aws-cdk-lib';
import { buildDashboard, dashboardIsStale } from '../dashboard/build.js';
import { buildDeployment } from './build.js';

if (await dashboardIsStale()) await buildDashboard();
const app = new App();
buildDeployment(app);
app.synth();
