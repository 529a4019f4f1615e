/** @butterfly/domain/members: the members area's use-cases and types, for the apps, API and jobs. */
export { addMember, ZAddMemberInput, type TAddMemberInput } from './add-member.ts';
export { deactivateMember, ZDeactivateMemberInput } from './deactivate-member.ts';
export { findMember } from './find-member.ts';
export { getMe, type Me } from './get-me.ts';
export { listMembers } from './list-members.ts';
export { toMemberView, ZEmail, ZRole, type MemberView } from './members.fns.ts';
export { setMemberRole, ZSetMemberRoleInput } from './set-member-role.ts';
