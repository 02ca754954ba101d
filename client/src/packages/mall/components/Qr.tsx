import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code of `text` as a GIF data URL (works in weapp and h5 without a canvas). */
export function Qr({ text, size = 360, className }: { text: string; size?: number; className?: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(8, 2);
  }, [text]);
  return <Image className={className} src={src} style={{ width: `${size}rpx`, height: `${size}rpx` }} mode='aspectFit' />;
}

/** 1234 5678 9012: digits in groups of four, easier to read out and type. */
export const groupDigits = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');
