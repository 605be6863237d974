/**
 * The actions the audit log records, and the words the audit-log screen shows for them. An
 * action is `thing.what-happened`; views are `<entity>.viewed` and changes `<entity>.changed`
 * (see server/audit-log/log-access.ts). Add a line here when you log a new action, so people
 * can filter by it.
 */

export const AUDIT_ACTIONS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in.failed': 'Sign-in failed',
  'sign-in.throttled': 'Sign-in refused: too many attempts',
  'sign-out': 'Signed out',
  'sign-out.everywhere': 'Signed out on every device',
  'password.set': 'Chose a password with a one-time link',
  'password-link.created': 'Created a set-password link',
  'person.created': 'Added a person',
  'person.updated': "Changed a person's details",
  'person.roles-changed': "Changed a person's roles",
  'person.deactivated': 'Deactivated a person',
  'person.reactivated': 'Reactivated a person',
  'people.imported': 'Imported people from a staff file',
  'team.created': 'Added a team',
  'team.updated': 'Changed a team',
  'team.managers-changed': "Changed a team's managers",
  'organisation.renamed': 'Renamed the organisation',
  'service.created': 'Added a service',
  'service.updated': 'Renamed a service',
  'service.head-changed': "Changed a service's head of service",
  'case-type.created': 'Added a case type',
  'case-type.renamed': 'Renamed a case type',
  'case-type.retired': 'Retired a case type',
  'case-type.reinstated': 'Brought back a case type',
  'case-flag.created': 'Added a case flag',
  'case-flag.renamed': 'Renamed a case flag',
  'case-flag.retired': 'Retired a case flag',
  'case-flag.reinstated': 'Brought back a case flag',
  'audit-log.exported': 'Exported the audit log',
  'audit-log.searched': 'Searched the audit log',
  'sync.pulled': 'Downloaded audits to a device',
  'audit.viewed': 'Viewed an audit',
  'audit.changed': 'Changed an audit',
  'case-list.imported': 'Imported a case list',
  'import-name.remembered': 'Remembered what a name in case lists stands for',
  'import-name.forgotten': 'Forgot what a name in case lists stands for',
  'plan-item.viewed': 'Viewed a plan item',
  'plan-item.changed': 'Changed a plan item',
  'audit-tool.created': 'Created an audit tool from a copy of another',
  'audit-tool.changed': 'Renamed an audit tool or changed its purpose',
  'guest.request': 'A guest from outside the council used Lantern',
  'guest.created': 'Added a guest from outside the council to a round',
  'allocation.joined': 'Added an auditor to a joint audit',
  'round.self-audits-allocated': "Allocated a round's self-audits",
  'case-action.viewed': 'Viewed a case action',
  'case-action.changed': "Changed a case action's progress or owner",
  'case-action-list.viewed': 'Listed case actions',
  'case-action-compliance.viewed': 'Viewed post-audit compliance',
};

/** The words for an action; an action not listed yet shows as itself. */
export const actionLabel = (action: string): string => AUDIT_ACTIONS[action] ?? action;
