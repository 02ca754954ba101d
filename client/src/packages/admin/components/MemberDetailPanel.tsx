// The member page: profile, tier and its period, growth by dimension, points with their lots, redemptions and
// vouchers, referral links, staff notes, freezing, and the history. Beside the list on a desktop, a page on a phone.
import { Text, View } from '@tarojs/components';
import { formatNumber, formatShanghaiDate, formatShanghaiDateTime } from '../../../utils/format';
import { DIMENSIONS } from '../../../utils/labels';
import { useMembers, type MemberDetail } from '../members-store';
import MemberAdjustCard from './MemberAdjustCard';
import RedemptionActions from './RedemptionActions';
import { MemberFreezeCard, MemberNotes } from './MemberActions';
import MemberLedger from './MemberLedger';
import '../members.scss';

const REDEMPTION_STATUS: Record<string, string> = { issued: '待使用', used: '已核销', cancelled: '已取消' };

function Stat({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`member-stat ${className}`}>
      <Text className='member-stat__value'>{value}</Text>
      <Text className='member-stat__label'>{label}</Text>
    </View>
  );
}

function Profile({ member }: { member: MemberDetail }) {
  const p = member.profile;
  return (
    <View className='console-card member-profile'>
      <View className='member-profile__head'>
        <Text className='console-card__title member-detail-name'>{p.nickname}</Text>
        <Text className='console-badge member-detail-tier'>{member.tier.name}</Text>
        {member.frozen && <Text className='console-badge console-badge--off member-frozen-badge'>已冻结</Text>}
        {member.lifecycle && <Text className='console-badge member-stage'>{member.lifecycle.name}</Text>}
      </View>
      <Text className='console-card__meta member-detail-no'>会员号 {p.memberNo}</Text>
      <Text className='console-card__meta member-phone'>手机号 {p.phone ?? '未绑定'}{p.phoneMasked ? '（已脱敏）' : ''}</Text>
      <Text className='console-card__meta'>入会 {formatShanghaiDate(p.joinedAt)} · 最近活跃 {formatShanghaiDate(p.lastActiveAt)}</Text>
      <Text className='console-card__meta member-lifecycle'>
        {member.lifecycle
          ? `生命周期 ${member.lifecycle.name}（${formatShanghaiDate(member.lifecycle.since)} 起${member.lifecycle.previousName ? `，此前${member.lifecycle.previousName}` : ''}）· 流失风险 ${member.lifecycle.riskScore}/100`
          : '生命周期 待评估（下次消费或每日任务后显示）'}
      </Text>
      {member.frozen && (
        <Text className='console-note member-frozen-note'>
          {member.frozen.byName} 于 {formatShanghaiDateTime(member.frozen.at)} 冻结：{member.frozen.reason}。会员仍可获得积分，但不能兑换。
        </Text>
      )}
    </View>
  );
}

function TierAndGrowth({ member }: { member: MemberDetail }) {
  const { tier, growth } = member;
  return (
    <View className='console-card member-tier'>
      <Text className='console-card__title'>等级与成长值</Text>
      <Text className='console-card__meta'>
        {tier.name} · {formatShanghaiDate(tier.since)} 起{tier.validUntil ? ` · 有效期至 ${formatShanghaiDate(tier.validUntil)}` : ' · 长期有效'}
      </Text>
      {tier.retainGrowthNeeded !== null && <Text className='console-card__meta'>保级还需 {formatNumber(tier.retainGrowthNeeded)} 成长值</Text>}
      {tier.next && <Text className='console-card__meta'>距{tier.next.name}还需 {formatNumber(tier.next.growthNeeded)} 成长值</Text>}
      <View className='member-stats'>
        <Stat label='成长值' value={formatNumber(growth.total)} className='member-growth-total' />
        {DIMENSIONS.map((d) => <Stat key={d.key} label={d.label} value={formatNumber(growth.breakdown[d.key])} />)}
      </View>
    </View>
  );
}

function Points({ member }: { member: MemberDetail }) {
  const { points } = member;
  return (
    <View className='console-card member-points'>
      <Text className='console-card__title'>积分</Text>
      <View className='member-stats member-stats--four'>
        <Stat label='积分余额' value={formatNumber(points.balance)} className='member-points-balance' />
        <Stat label='可用' value={formatNumber(points.spendable)} />
        <Stat label='待发放' value={formatNumber(points.pending)} />
        <Stat label='欠款' value={formatNumber(points.debt)} />
      </View>
      {points.expiring && <Text className='console-card__meta'>{formatNumber(points.expiring.amount)} 积分将于 {points.expiring.date} 过期</Text>}
      {points.lots.length > 0 && (
        <View className='console-table member-lots'>
          <View className='console-row console-row--head'>
            <Text className='console-cell'>获得日期</Text>
            <Text className='console-cell console-cell--num'>剩余 / 获得</Text>
            <Text className='console-cell'>过期日期</Text>
            <Text className='console-cell'>状态</Text>
          </View>
          {points.lots.map((l) => (
            <View key={l.lotId} className='console-row member-lot'>
              <Text className='console-cell'>{formatShanghaiDate(l.earnedAt)}</Text>
              <Text className='console-cell console-cell--num'>{formatNumber(l.remaining)} / {formatNumber(l.amount)}</Text>
              <Text className='console-cell'>{formatShanghaiDate(l.expiresAt)}</Text>
              <Text className='console-cell'>{l.pending ? `${formatShanghaiDate(l.availableAt)} 可用` : '可用'}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function Redemptions({ member }: { member: MemberDetail }) {
  return (
    <View className='console-card member-redemptions'>
      <Text className='console-card__title'>兑换与券</Text>
      {member.redemptions.length === 0 && <Text className='console-empty'>暂无兑换</Text>}
      {member.redemptions.map((r) => (
        <View key={r.redemptionId} className='member-redemption' data-redemption={r.redemptionId}>
          <View className='member-redemption__head'>
            <Text className='member-redemption__name'>{r.itemName}{r.quantity > 1 ? ` ×${r.quantity}` : ''}</Text>
            <Text className={`console-badge${r.status === 'issued' && !r.voucher?.expired ? ' console-badge--ok' : ''}`}>{r.voucher?.expired ? '已过期' : REDEMPTION_STATUS[r.status]}</Text>
          </View>
          <Text className='console-card__meta'>
            {formatShanghaiDateTime(r.createdAt)} · {formatNumber(r.points)} 积分
            {r.voucher ? ` · 券码 ${r.voucher.code} · 有效期至 ${formatShanghaiDate(r.voucher.expiresAt)}` : ''}
            {r.usedAt ? ` · ${formatShanghaiDate(r.usedAt)} 于${r.usedStoreName ?? ''}核销` : ''}
          </Text>
          {r.status === 'issued' && !r.voucher?.expired && <RedemptionActions memberNo={member.profile.memberNo} redemptionId={r.redemptionId} hasVoucher={r.voucher !== null} />}
        </View>
      ))}
    </View>
  );
}

function Referral({ member }: { member: MemberDetail }) {
  const { referral } = member;
  return (
    <View className='console-card member-referral'>
      <Text className='console-card__title'>邀请关系</Text>
      <Text className='console-card__meta member-inviter'>邀请人：{referral.inviter ? `${referral.inviter.nickname}（${referral.inviter.memberNo}）` : '无'}</Text>
      <Text className='console-card__meta member-invitees'>已邀请 {formatNumber(referral.invitees)} 人{referral.inviteCode ? ` · 邀请码 ${referral.inviteCode}` : ''}</Text>
    </View>
  );
}

export default function MemberDetailPanel() {
  const { data: member, status, error } = useMembers((s) => s.detail);
  if (error && !member) return <Text className='console-error member-detail-error'>{error.message}</Text>;
  if (!member) return <Text className='console-card__meta'>{status === 'loading' ? '加载中…' : '选择一位会员查看详情'}</Text>;
  return (
    <View className='member-detail' data-member-no={member.profile.memberNo}>
      <Profile member={member} />
      <TierAndGrowth member={member} />
      <Points member={member} />
      {member.can.adjustPoints && <MemberAdjustCard memberNo={member.profile.memberNo} />}
      {member.can.freeze && <MemberFreezeCard member={member} />}
      <MemberNotes member={member} />
      <Redemptions member={member} />
      <Referral member={member} />
      <MemberLedger />
    </View>
  );
}
