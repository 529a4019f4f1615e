import { ZMemberView } from './me.ts';

/** `members.deactivate`: the member as it now is. */
export const ZMembersDeactivate = ZMemberView;

/** `members.setRole`: the member with the new role. */
export const ZMembersSetRole = ZMemberView;
