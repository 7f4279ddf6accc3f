/**
 * A project's commune as shown beside its name, or '' when it would only repeat it: a commune's own
 * project is often named after the commune ("Andenne" by Andenne), and "Andenne · Andenne" says
 * nothing. Case, accents and surrounding spaces do not make a difference.
 */
export function communeLabel(project: { name: string; commune: string }): string {
  const commune = project.commune.trim();
  if (!commune) return '';
  return commune.localeCompare(project.name.trim(), undefined, { sensitivity: 'base' }) === 0 ? '' : commune;
}
