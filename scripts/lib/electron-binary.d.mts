export function findElectronBinary(): string | null;
export function electronVersion(): string;
