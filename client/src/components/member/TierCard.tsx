import { Image, Text, View } from '@tarojs/components';
import { openPage, openProfile, openTiers } from '../../services/navigation';
import { CODE_URL } from './HomeGrid';
import { ICONS } from './icons';
import type { MemberHome } from '../../store/member';
import { formatNumber, formatShanghaiDate } from '../../utils/format';
import { PanelLink } from './PanelLink';

const MAX_STYLED_LEVEL = 3;
const editProfile = () => void openProfile();

export function TierCard({ home }: { home: MemberHome }) {
  const { member, tier, nextTier, growth, tierValidUntil, retain } = home;
  const level = Math.max(0, Math.min(MAX_STYLED_LEVEL, tier.level));
  const percent = Math.round(Math.max(0, Math.min(1, growth.progress)) * 100);

  return (
    <View className={`member-card tier-level-${level}`}>
      <View className='member-card__head'>
        {member.avatarUrl ? (
          <Image className='member-card__avatar' src={member.avatarUrl} mode='aspectFill' onClick={editProfile} />
        ) : (
          <View className='member-card__avatar member-card__avatar--text' onClick={editProfile}>
            {member.nickname.slice(0, 1) || '会'}
          </View>
        )}
        <View className='member-card__who' onClick={editProfile}>
          <Text className='member-card__nickname'>{member.nickname}</Text>
          <Text className='member-card__no'>会员号 {member.memberNo}</Text>
          <Text className='member-card__edit profile-link'>编辑资料 ›</Text>
        </View>
        <View className='member-card__tier'>
          <Text className='member-card__tier-label'>会员等级</Text>
          <Text className='tier-name'>{tier.name}</Text>
        </View>
      </View>

      {/* The member code one tap from the card: what a member shows at the till. */}
      <View className='member-card__code mall-links__item--code' onClick={() => void openPage(CODE_URL)}>
        <Image className='member-card__code-icon' src={ICONS.code} mode='aspectFit' />
        <Text className='member-card__code-label'>会员码</Text>
      </View>

      <View className='member-card__growth'>
        <View className='member-card__growth-row'>
          <Text className='member-card__growth-label'>成长值</Text>
          <Text className='growth-total'>{formatNumber(growth.total)}</Text>
        </View>
        <View className='progress'>
          <View className='progress__bar' style={{ width: `${percent}%` }} />
        </View>
        <Text className='growth-needed'>
          {nextTier
            ? `再获得 ${formatNumber(nextTier.growthNeeded)} 成长值升级为 ${nextTier.name}`
            : '已是最高等级'}
        </Text>
        {retain && retain.growthNeeded > 0 && (
          <Text className='retain-needed'>再获得 {formatNumber(retain.growthNeeded)} 成长值可保级</Text>
        )}
        <View className='member-card__growth-foot'>
          <Text className='tier-valid-until'>
            {tierValidUntil ? `等级有效期至 ${formatShanghaiDate(tierValidUntil)}` : ''}
          </Text>
          <PanelLink label='查看等级权益' className='tiers-link' onClick={() => void openTiers()} />
        </View>
      </View>

      <Text className='member-card__joined'>入会日期 {formatShanghaiDate(member.joinedAt)}</Text>
    </View>
  );
}
