// Slices register here so one call forgets everything of the previous identity (h5 identity switch).
// Slices of subpackages register when first loaded, which keeps them out of the main package.
const resets = new Set<() => void>();

export function onSessionReset(reset: () => void): void {
  resets.add(reset);
}

export function resetSession(): void {
  resets.forEach((reset) => reset());
}
