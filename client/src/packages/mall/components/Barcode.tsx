import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { code128Widths } from './code128';

const QUIET_MODULES = 10;

/** A Code 128 barcode of `digits`, drawn with views (no canvas): each bar's share of the width is its module count. */
export function Barcode({ digits, className = '' }: { digits: string; className?: string }) {
  const widths = useMemo(() => code128Widths(digits), [digits]);
  return (
    <View className={`barcode ${className}`} data-code={digits}>
      <View style={{ flexGrow: QUIET_MODULES, flexBasis: 0 }} />
      {widths.map((w, i) => (
        <View key={i} className={i % 2 === 0 ? 'barcode__bar' : ''} style={{ flexGrow: w, flexBasis: 0 }} />
      ))}
      <View style={{ flexGrow: QUIET_MODULES, flexBasis: 0 }} />
    </View>
  );
}
