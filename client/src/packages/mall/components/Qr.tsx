import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

const CELL = 8;
/** The quiet zone scanners need: four modules of white on every side, part of the image. */
const QUIET_MODULES = 4;

/**
 * A QR code of `text` as a GIF data URL (works in weapp and h5 without a canvas), centred, with its quiet zone; sized
 * by CSS (h5 ignores rpx in inline styles): 480rpx, `large` 540rpx (the member code, scanned from further away).
 */
export function Qr({ text, large = false, className = '' }: { text: string; large?: boolean; className?: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(CELL, CELL * QUIET_MODULES);
  }, [text]);
  return (
    <View className={`qr ${className}`}>
      <Image className={`qr__image${large ? ' qr__image--large' : ''}`} src={src} mode='aspectFit' />
    </View>
  );
}

/** 1234 5678 9012: digits in groups of four, easier to read out and type. */
export const groupDigits = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');
