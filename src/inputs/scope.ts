import type { InputReader } from './reader.js'

export const SCOPE_KINDS = [
  'organization',
  'enterprise',
  'team',
  'enterprise-team'
] as const
export type ScopeKind = (typeof SCOPE_KINDS)[number]

export type Scope =
  | { kind: 'organization'; organization: string }
  | { kind: 'enterprise'; enterprise: string }
  | { kind: 'team'; organization: string; team: string }
  | { kind: 'enterprise-team'; enterprise: string; team: string }

const ORG_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const ENTERPRISE_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,59})$/
const TEAM_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'organization':
      return `organization ${scope.organization}`
    case 'enterprise':
      return `enterprise ${scope.enterprise}`
    case 'team':
      return `team ${scope.organization}/${scope.team}`
    case 'enterprise-team':
      return `enterprise team ${scope.enterprise}/${scope.team}`
  }
}

/**
 * The scopes of this run: one, or one per team of a list. The organization
 * defaults to the repository's owner, as in a workflow.
 */
export function parseScopes(inputs: InputReader, owner: string): Scope[] {
  const kind = inputs.choice('scope', SCOPE_KINDS)
  const slugs = new SlugReader(inputs, inputs.withDefault('scope'))
  switch (kind) {
    case undefined:
      return []
    case 'organization':
      return [{ kind, organization: slugs.organization(owner) }]
    case 'enterprise':
      return [{ kind, enterprise: slugs.enterprise() }]
    case 'team': {
      const organization = slugs.organization(owner)
      return slugs.teams().map((team) => ({ kind, organization, team }))
    }
    case 'enterprise-team': {
      const enterprise = slugs.enterprise()
      return slugs.teams().map((team) => ({ kind, enterprise, team }))
    }
  }
}

class SlugReader {
  constructor(
    private readonly inputs: InputReader,
    private readonly scopeText: string
  ) {}

  organization(owner: string): string {
    return this.slug(
      'organization',
      ORG_SLUG,
      this.inputs.env.GITHUB_REPOSITORY_OWNER || owner,
      'organization login (letters, digits and "-", up to 39 characters)'
    )
  }

  enterprise(): string {
    return this.slug(
      'enterprise',
      ENTERPRISE_SLUG,
      '',
      'enterprise slug (letters, digits and "-")'
    )
  }

  teams(): string[] {
    const list = this.inputs.list('team')
    if (list.length === 0)
      this.inputs.fail(
        'team',
        '',
        `scope '${this.scopeText}' needs it (one team slug, or several separated by commas)`
      )
    for (const team of list)
      if (!TEAM_SLUG.test(team))
        this.inputs.fail(
          'team',
          team,
          'is not a valid team slug (letters, digits, ".", "_" and "-")'
        )
    if (new Set(list.map((team) => team.toLowerCase())).size !== list.length)
      this.inputs.fail('team', this.inputs.text('team'), 'names a team twice')
    return list
  }

  private slug(
    name: 'organization' | 'enterprise',
    pattern: RegExp,
    fallback: string,
    what: string
  ): string {
    const value = this.inputs.text(name) || fallback
    if (!pattern.test(value))
      this.inputs.fail(
        name,
        value,
        value === ''
          ? `scope '${this.scopeText}' needs it`
          : `is not a valid ${what}`
      )
    return value
  }
}
