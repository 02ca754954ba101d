/** 350 米 under a kilometre; 1.2 公里 to 100 km; 120 公里 beyond. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(0, Math.round(metres))} 米`;
  const km = metres / 1000;
  return km < 100 ? `${(Math.round(km * 10) / 10).toFixed(1)} 公里` : `${Math.round(km)} 公里`;
}
