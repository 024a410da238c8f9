/** Finds the ward containing a point, from boundaries an operator imported; null when unknown. */
export type BoundaryLocator = { locate(lat: number, lng: number): string | null; size: number };

export const NO_BOUNDARIES: BoundaryLocator = { locate: () => null, size: 0 };
