// Regenerates client/src/components/member/icons.ts (the member card's icons as SVG data URIs):
//   node scripts/member-icons.js client/src/components/member/icons.ts
const paths = {
  checkin: '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4M9 15.5l2 2 4-4"/>',
  tasks: '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 3h6v3H9zM9 11h6M9 15h6M9 19h3"/>',
  mall: '<rect x="3" y="8" width="18" height="4" rx="1"/><path d="M5 12v9h14v-9M12 8v13M12 8C10 4 6 4 6 6.5S9 8 12 8zM12 8c2-4 6-4 6-1.5S15 8 12 8z"/>',
  redemptions: '<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v2M14 11v2M14 15v2"/>',
  history: '<path d="M6 3h9l3 3v15H6z"/><path d="M9 10h6M9 14h6M9 18h4"/>',
  tiers: '<path d="M3 8l4.5 4L12 5l4.5 7L21 8l-2 11H5z"/><path d="M8 16h8"/>',
  invite: '<circle cx="9" cy="8" r="4"/><path d="M2 21c0-4 3-7 7-7s7 3 7 7M19 8v6M16 11h6"/>',
  stores: '<path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>',
  profile: '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13 7l4 4"/>',
  leaderboard: '<path d="M4 21V12h4v9M10 21V4h4v17M16 21v-6h4v6"/>',
  code: '<rect x="3" y="3" width="7" height="7" rx="1"/><rect x="14" y="3" width="7" height="7" rx="1"/><rect x="3" y="14" width="7" height="7" rx="1"/><path d="M14 14h3v3h-3zM18 18h3v3h-3zM14 20h2M20 14v2"/>',
  home: '<path d="M3 11l9-8 9 8"/><path d="M5 9v12h5v-6h4v6h5V9"/>',
  me: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.5 3.5-7.5 8-7.5s8 3 8 7.5"/>',
  clock: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
};
const svg = (p, color) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${p}</svg>`;
const uri = (s) => `data:image/svg+xml;base64,${Buffer.from(s).toString('base64')}`;
const out = [];
out.push('// Icons of the member card, as SVG data URIs (generated once from the SVG paths beside each; no icon font, no CDN).');
out.push('// White strokes sit on a coloured tile (member.scss); the tab bar has a grey and a blue variant. About 7 KB.');
out.push('/* eslint-disable max-len */');
const white = {}, grey = {}, blue = {};
for (const [k, p] of Object.entries(paths)) { white[k] = uri(svg(p, '#ffffff')); }
for (const k of ['home', 'code', 'mall', 'me']) { grey[k] = uri(svg(paths[k], '#8a919f')); blue[k] = uri(svg(paths[k], '#2f54eb')); }
out.push(`export const ICONS = ${JSON.stringify(white, null, 2)} as const;`);
out.push(`export type IconName = keyof typeof ICONS;`);
out.push(`/** The tab bar's icons: grey (idle) and blue (the page shown). */`);
out.push(`export const TAB_ICONS = ${JSON.stringify({ idle: grey, active: blue }, null, 2)} as const;`);
out.push('');
require('fs').writeFileSync(process.argv[2], out.join('\n'));
