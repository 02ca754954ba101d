// Geo query operators ($geoWithin, $geoIntersects, $near...) and the $geoNear stage, as the real service answers them.
export {};
