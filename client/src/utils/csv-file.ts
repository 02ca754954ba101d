// A table as a CSV file for Excel (UTF-8 with BOM, CRLF) and saving it: a download in the browser; in the mini-program
// a file in the user data folder sent to a chat (shareFileMessage), else the text on the clipboard.
import Taro from '@tarojs/taro';

const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export const csvText = (rows: ReadonlyArray<ReadonlyArray<string | number>>) => '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export function saveText(name: string, text: string): void {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return;
  }
  const toClipboard = () => void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: '已复制，请粘贴到电脑保存', icon: 'none' }));
  try {
    const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
    Taro.shareFileMessage({ filePath, fileName: name }).catch(toClipboard);
  } catch {
    toClipboard();
  }
}
