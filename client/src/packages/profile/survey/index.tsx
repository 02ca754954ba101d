import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';
import { goHome } from '../../../services/navigation';
import { viewOf } from '../../../store/resource';
import { surveyStore, useSurvey } from './store';
import './index.scss';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MAX_COMMENT = 200;

/** 0-6 detractor, 7-8 passive, 9-10 promoter: the colour of a chosen score. */
const band = (score: number) => (score >= 9 ? 'high' : score >= 7 ? 'mid' : 'low');

const retry = () => void surveyStore.getState().retry();

/**
 * 推荐意愿: the survey a subscription message opened after a purchase (`?survey=<quarter>`): how likely the member is
 * to recommend us, 0-10 buttons, an optional comment, 提交; then thanks with the answer. One answer per quarter.
 */
export default function SurveyPage() {
  const [quarter, setQuarter] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const { data, loading, failed } = viewOf(useSurvey((s) => s.survey));
  const { busy, error } = useSurvey((s) => s.answer);

  useLoad((options: Record<string, string | undefined>) => {
    const q = options?.survey ?? '';
    setQuarter(q);
    void surveyStore.getState().load(q || undefined);
  });

  if (loading || failed || !data) {
    return (
      <View className='survey'>
        {failed ? (
          <View className='survey-card survey-state'>
            <Text className='survey-state__text'>{failed.message}</Text>
            <View className='survey-button' onClick={retry}>重试</View>
          </View>
        ) : (
          <Text className='survey-loading'>加载中…</Text>
        )}
      </View>
    );
  }

  const s = data.survey;
  if (!s) {
    return (
      <View className='survey'>
        <View className='survey-card survey-state survey-state--none'>
          <Text className='survey-state__title'>暂无待参与的调查</Text>
          <Text className='survey-state__text'>消费后我们会邀请你为体验打分</Text>
          <View className='survey-button' onClick={() => void goHome()}>返回会员中心</View>
        </View>
      </View>
    );
  }

  if (s.answer) {
    return (
      <View className='survey'>
        <View className='survey-card survey-state survey-state--done'>
          <Text className='survey-state__title'>感谢你的反馈！</Text>
          <Text className='survey-state__text'>你的推荐意愿：<Text className={`survey-done-score survey-done-score--${band(s.answer.score)}`}>{s.answer.score}</Text> 分</Text>
          {s.answer.comment && <Text className='survey-done-comment'>“{s.answer.comment}”</Text>}
          <View className='survey-button' onClick={() => void goHome()}>返回会员中心</View>
        </View>
        <SubscribePrompt keys={['npsSurvey']} text='下次消费后微信邀请我打分' className='survey-subscribe' />
      </View>
    );
  }

  if (!s.open) {
    return (
      <View className='survey'>
        <View className='survey-card survey-state survey-state--closed'>
          <Text className='survey-state__title'>调查已结束</Text>
          <Text className='survey-state__text'>感谢关注，下次消费后欢迎参与</Text>
          <View className='survey-button' onClick={() => void goHome()}>返回会员中心</View>
        </View>
      </View>
    );
  }

  const submit = () => {
    if (score === null || busy) return;
    void surveyStore.getState().submit(s.quarter || quarter, score, comment);
  };

  return (
    <View className='survey'>
      <View className='survey-card'>
        <Text className='survey-tag'>推荐意愿</Text>
        <Text className='survey-question'>你有多大可能把我们推荐给朋友或同事？</Text>
        <View className='survey-scores'>
          {SCORES.map((n) => (
            <View
              key={n}
              className={`survey-score${score === n ? ` survey-score--on survey-score--${band(n)}` : ''}`}
              data-score={n}
              onClick={() => setScore(n)}
            >
              {n}
            </View>
          ))}
        </View>
        <View className='survey-ends'>
          <Text>0 完全不可能</Text>
          <Text>10 非常愿意</Text>
        </View>
        <Text className='survey-label'>其他意见或建议（选填）</Text>
        <Textarea
          className='survey-comment'
          value={comment}
          maxlength={MAX_COMMENT}
          placeholder='说说你的体验，帮助我们做得更好'
          onInput={(e) => setComment(e.detail.value)}
        />
        <Text className='survey-count'>{[...comment].length}/{MAX_COMMENT}</Text>
        {error && <Text className='survey-error'>{error.message}</Text>}
        <View className={`survey-submit${score === null ? ' survey-submit--off' : ''}${busy ? ' survey-submit--busy' : ''}`} onClick={submit}>
          {busy ? '提交中…' : score === null ? '请选择分数' : '提交'}
        </View>
      </View>
    </View>
  );
}
