// A Shanghai day (YYYY-MM-DD): the native date picker in weapp, a text field in h5.
import { Input, Picker, Text, View } from '@tarojs/components';

export default function DateField({ value, placeholder, className, onChange }: { value: string; placeholder: string; className: string; onChange: (day: string) => void }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`staff-input ${className}`}><Text>{value || placeholder}</Text></View>
      </Picker>
    );
  }
  return <Input className={`staff-input ${className}`} placeholder={placeholder} value={value} maxlength={10} onInput={(e) => onChange(e.detail.value)} />;
}
