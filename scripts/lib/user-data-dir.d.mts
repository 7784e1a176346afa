export function userDataDir(host: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}): string;
