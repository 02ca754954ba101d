// An experiment's eligibility by segment (core/segments.ts): whether a member matches the experiment's segment rule,
// from the member document the earning or check-in path already holds (no request). The facts are built once per
// call and only when an unexposed member meets an experiment with a segment.
import type { MemberDoc } from '../core/member';
import { matchesSegment, memberFacts, ruleProblem, type MemberFacts, type SegmentRule } from '../core/segments';

export function segmentMatcher(member: MemberDoc, now: Date): (segment: unknown) => boolean {
  let facts: MemberFacts | null = null;
  return (segment) => {
    const rule = segment as SegmentRule;
    if (ruleProblem(rule)) return false; // a rule the segments engine refuses enrols no one
    facts ??= memberFacts(member, now);
    return matchesSegment(rule, facts);
  };
}
