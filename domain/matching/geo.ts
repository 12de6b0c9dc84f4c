import type { GeoPoint } from "../types.js";

/** Mean Earth radius in statute miles (IUGG mean radius 6371.0088 km). */
const EARTH_RADIUS_MILES = 3958.7613;
const RAD = Math.PI / 180;

/**
 * Great-circle distance in miles between two points. The seed scores "lives nearby" by distance bands
 * (<10/<20/<30); straight-line miles are what we can compute without a maps API, and they are a stable,
 * explainable stand-in for drive time.
 */
export function haversineMiles(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(s)));
}
