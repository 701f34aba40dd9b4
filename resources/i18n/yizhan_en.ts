<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name>yizhan</name>
    <message>
      <source>15位一代身份证号码已停止使用，请使用18位号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF 无法转换为图像（pdftoppm 返回 {code}），文件可能已损坏</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF 页面转换超时，请重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>format 应为“{f}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{a}–{b}页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}{holder}　备案编号 {ref}　有效期至 {until}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}{n}页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{n}件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{n}页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{n}页，需检查</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{role}不能是{kind}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{role}最多{n}人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{who}已完成询问并签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{who}（经办人代表签名）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”应为是或否</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”最多{n}个字</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”请从列表中选择</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{name}”尚未生成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{name}”已过期：申请信息已修改，请先重新生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>……等{n}项</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>一站 · 不动产登记服务点（柜台）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传与办理结果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传失败，需处理</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传失败：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上次尝试：{err}（会自动重试，案件数据完好）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下载的文书“{name}”校验失败，稍后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不予受理</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不予受理，原因：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不予受理：{reason}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产单元号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产单元号应为28位，现为{n}位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产变更登记询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产抵押权变更登记询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产抵押权注销登记询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产抵押权首次登记询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产权证书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产权证书号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产登记申请书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产登记证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产登记证明号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产登记证明号：{n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不动产转移登记（含抵押登记）询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不涉及</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>与读卡器的连接中断，请检查连接线后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务“{biz}”没有“{role}”这一角色</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务“{biz}”没有字段 {key}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务“{biz}”没有材料“{slot}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务目录文件 {file} 有误，位置 {where}：{text}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务类型“{code}”不在业务目录 {version} 中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>业务编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主体类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主债权合同</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主债权合同已含抵押条款</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主债权合同未含抵押条款时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主债权合同（续贷或展期）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>主数据更新于 {d}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>买卖合同约定的成交价格为 {transfer.price}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>买卖合同网签备案号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人工核对一致</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人工核对不一致</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸图像无法保存，请重新采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸检测模型可用</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸采集完成（清晰度 {s}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸：已采集（清晰度 {s}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>从条码识别到的信息（确认后填入）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>以下字符在已安装的字体中都没有字形，文档无法正确打印：{chars}。请安装包含这些字符的字体（如花园明朝 fonts-hanazono）后重试，或按证件核对后改用规范字形</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>份额“{value}”不是有效数字，请填写百分比，如 50</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>份额应大于0且不超过100（%）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>份额最多保留两位小数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>住址：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>住宅</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>保存草稿</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>信息完整，可以提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>信息完整，可以提交。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>借新还旧（抵押权注销及首次登记）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债务人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债务履行期限的止日不能早于起日</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债务履行期限（最高额抵押为债权确定期间）为 {mortgage.debt_from} 至 {mortgage.debt_to}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债务履行期限（止）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债务履行期限（起）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>债权数额变更</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>停止</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>光线太亮</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>光线太暗</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部业务</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公安机关出具的姓名变更证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公安机关出具的身份证号码变更证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公积金贷款</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共 {n} 件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共{n}批，逾期{m}批</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共同共有</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共同申请</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共同申请或抵押权人单方申请时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共有人之间对处分该不动产是否另有约定？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>其他</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生年份：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生日期 {date} 不在合理范围内</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生日期 {date} 不存在</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>创建</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>删除此当事人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>删除草稿</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>刷新</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>剩余字节</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办公</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办理进度查询</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单独所有</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原债务结清证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原抵押不动产登记证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原抵押不动产登记证明号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原抵押权人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原抵押权人同意带押转让的材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>原抵押权的不动产登记证明号为 {change.registration_certificate}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>取消</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>受理号 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>受理号：&lt;b&gt;{n}&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>受让方（权利人、抵押人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更事项</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更后坐落</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更后姓名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更后身份证号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更后面积（平方米）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>变更如对后顺位抵押权人等利害关系人产生不利影响，是否已取得其书面同意？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>可由系统生成；如有已签字的纸质件，也可在此采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同意将最高额抵押权设立前已存在的债权转入担保范围的书面材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>否</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>商业</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>商业贷款</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>商品房预售合同备案号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>商品房预售合同备案号为 {advance.presale_contract_number}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>回答最多{n}个字，请精简</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在建建筑物抵押</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在建建筑物抵押时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在线</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>地名或门牌变更证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>坐落</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>坐落变更登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>填入</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>备注</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>复印件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>外国人永久居留身份证（2017版）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>外国人永久居留身份证（2023版）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>姓名变更登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>姓名：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>完成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>完税或减免税凭证</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>宗地顺序号不能为00000</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>定着物类型为W（无定着物）时，第21至28位应为00000000</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密钥文件 {path} 已损坏，数据库未作改动；请从备份恢复密钥文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密钥文件 {path} 权限过宽（{mode}），请改为仅本人可读（chmod 600）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密钥文件 {path} 长度不对，数据库未作改动</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导入数据有{n}处错误</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导入文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导入文件不是有效的 JSON：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导入文件应为 JSON 对象</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>将已存在债权转入最高额抵押担保范围时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>将自动重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚不能提交：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚无案件。点击“新建案件”开始办理，或由运维人员用“yizhan case import”导入银行系统的案件数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未完整：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未提交。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未移交纸质原件的案件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未读卡、尚未采集人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>就绪</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>居民身份证</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>工业</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已上传，待确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已于 {at} 提交（状态：{state}），不能再修改。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已保存 {id}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已创建移交批次 {id}，请于 {d} 前移交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已删除 {id}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已发生债权数额不能超过最高债权额</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已发生债权数额（元，可不填）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已发证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已发送打印 {n} 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已取得</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已受理</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已填入{label}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已备案的商品房预售合同</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已存在债权转入担保范围</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已找到页面边框，保持不动即自动拍摄</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已提交的案件不能删除</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已提交，待上传</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已提交：数据包 {pid} 已加密签名并进入上传队列，网络可用时自动上传。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已有 {days} 天未与登记服务器同步成功（上限 {max} 天），暂停新的提交；已有数据完好。请恢复网络后同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已生成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已生成{n}份文书，已存入加密库</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已登簿</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已移交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已读卡，待采集人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已过期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已过期，请联系管理员更新备案</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已送达登记机构</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已逾期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>币种</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>带押过户时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>带押过户（原抵押继续存在）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>平板（单页）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>延期续贷</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>建设工程规划许可证</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>开发企业（预售人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>开始询问</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>异常</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>引用银行备案材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当事人 {name} 尚未完成身份核验（读卡及人脸采集）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当事人 {name} 身份核验未通过，请重新核验或人工复核</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当事人{n}尚未完成询问笔录签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当事人应为 JSON 对象</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当事人没有字段 {key}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待上传</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待上传 {n} 件，剩余 {size}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待上传的数据包已有 {n} 个（上限 {max}），暂停新的提交；已有数据完好。请检查网络并同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待移交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>很好，请保持</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>必交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>忽略</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>性别：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您在受让的不动产中所占的份额是多少（%）？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您在所购房屋中所占的份额是多少（%）？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您在该不动产中所占的份额是多少（%）？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您提交的申请材料是否真实、有效，复印件是否与原件一致？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您是否同意以所购房屋办理抵押预告登记，为购房贷款提供担保？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您是否知悉：不动产存在异议登记的，受让方受让后可能承担相应的法律风险？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您是否知悉：处分共同共有的不动产，应当经全体共同共有人同意，但共有人之间另有约定的除外？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您是否知悉：处分按份共有的不动产，应当经占份额三分之二以上的按份共有人同意，但共有人之间另有约定的除外？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>您还有其他需要说明的事项吗？（没有可不填）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>成交价格（元）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>房屋买卖合同（网签备案）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>房屋面积测绘报告</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>所购房屋将为单独所有还是共有？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印机无法开始打印，请检查打印机是否在线、是否缺纸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>扫描仪“{device}”出错（{detail}），请检查设备后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>批次 {id} 已标记为已移交（{n}件）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到 pdftoppm，无法预览或打印 PDF。请安装 poppler-utils（Windows 版 poppler 的 bin 目录需在 PATH 中）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到可嵌入的中文字体（TrueType）。请安装文泉驿微米黑（fonts-wqy-microhei）或在 Windows 上确认 C:\Windows\Fonts\simsun.ttc 存在，也可用环境变量 YIZHAN_PDF_FONT 指定字体文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到打印机“{name}”，请联系工作人员检查打印机</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到扫描仪“{device}”，请检查电源和 USB 连接后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到数据库 {path} 的密钥（{provider}）。文件未作改动，请恢复密钥后再打开</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到案件 {id}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到附件 {id}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押人与抵押权人共同申请时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押人单方申请</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押人单方申请时提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押合同</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押合同约定的被担保主债权数额为 {mortgage.amount}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押合同编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权人单方申请</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权变更协议</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权变更登记（含延期续贷、展期）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权注销登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权注销登记（自助）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权消灭的材料（如贷款结清证明）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权首次登记（一般抵押）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押权首次登记（最高额抵押）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押财产为坐落于 {property.location} 的不动产（权证号 {property.certificate_number}），是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押财产是否存在权属争议，或已被查封、冻结？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押财产是否已出租</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>抵押财产目前是否已出租？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>担保范围</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>担保范围为：{mortgage.guarantee_scope}。是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>担保范围变更</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>拍摄</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>按业务编号、姓名、证件号码或不动产单元号查找</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>按份共有</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>授权{bank}代为向不动产登记机构查询您名下坐落于{location}的不动产登记信息，仅用于本次登记业务（业务号 {case_id}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>授权书已签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>授权书签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>提交与结果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>提交前人脸核验</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>提交前需再次核验人脸：{n} 人。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>提交登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>提示</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头工作异常，请重新插好摄像头后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头工作正常</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头已断开，请重新插好摄像头后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头无法打开</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>撤销一笔</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据包 {pid}：{state}，{size}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据包文件无法读取：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库已关闭</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库文件 {path} 为只读，无法保存。请检查文件权限</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库正被其他程序使用，请稍后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库版本 {v} 比本程序支持的 {s} 新，请升级程序</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库错误：{detail}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文书已生成并存入加密库，计入材料清单</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件 {name} 不是 JPEG、PNG、TIFF 或 PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件 {name} 超过 {mb} MB</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件“{name}”不是支持的图片格式（JPEG、PNG、TIFF），请选择图片或 PDF 文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件“{name}”已损坏或无法读取，请重新扫描或换一个文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文档“{table}”第{row}行第{col}列的内容超出表格，请缩短该项内容后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文档“{title}”的某项内容过长，一页无法容纳，请精简后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新主债权合同</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新建案件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法从 {url} 取得服务器证书：{err}。请检查地址和网络</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法写入数据包文件：{err}。案件保持原状，请检查磁盘后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法创建数据目录 {path}：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法加载读卡器厂商库 {path}，请检查驱动安装</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法打开加密数据库 {path}：密钥不正确或文件已损坏。文件未作任何改动，请联系运维人员用正确密钥或备份恢复</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法打开数据库文件 {path}，请检查目录是否存在及权限</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法打开案件数据库或业务目录。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法打开读卡器端口 {port}，请检查连接线，并确认没有其他程序占用该端口</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法打开高拍仪“{device}”，请检查 USB 连接或在设置中选择其他设备</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法生成“{document}”，缺少以下内容：{fields}。请补充后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法识别的证件类型，请人工核验证件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取图片 {path}，请检查文件是否为 JPEG 或 PNG</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取导入文件 {path}：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取文件 {name}：{err}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法连接登记服务器（{err}）。已提交的案件保存在本机，网络恢复后会自动上传</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无窗口模式：未打开打印对话框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无需纸质件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>日期“{value}”无效，请按 2024-05-01 的格式填写</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>是</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>显示完整信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>暂不签（打印后手签）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高债权额（元）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高额主债权合同（一定期间内连续发生债权的合同）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高额抵押合同</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高额抵押合同约定的最高债权额为 {mortgage.max_amount}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>最高额抵押权设立前已存在的债权是否转入最高额抵押担保的债权范围？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>有{n}页可能空白、模糊或过暗，已标记为“需检查”，请查看后重拍</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>有效</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>有效期限：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务器加密公钥的指纹不符，注册已停止</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务器证书与注册时固定的证书不符，同步已停止（不会在不验证的情况下继续）。请联系管理员核实服务器</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务器证书指纹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务器证书指纹不符（期望 {want}，实际 {got}）。可能连到了假冒的服务器，注册已停止，请与管理员核对指纹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务端人证比对暂不可用：{why}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务端人证比对的回答无法识别，稍后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未取得</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未安装扫描仪驱动组件（python-sane），请联系运维人员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未完成提交前人脸核验，案件未提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到人脸模型，使用备用检测（精度较低）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到备案材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到扫描仪</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到扫描仪，请检查电源和 USB 连接后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到摄像头，请检查连接后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到本行备案材料，请联系管理员同步主数据</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未检测到人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未生成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未知的业务类型“{code}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未知的文档类型“{kind}”，可选：{kinds}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未连接</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未采用读卡信息：证件号码与已录入的不一致</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本业务无询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本业务无需询问笔录，或尚未添加当事人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本业务的当事人无需核验身份（或尚未添加自然人当事人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机出具（正式格式）：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机尚未在登记服务器注册。请先运行“yizhan enroll”完成设备注册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机尚未在登记服务器注册，数据包保存在本机。请运维人员运行“yizhan enroll”完成注册。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机尚未在登记服务器注册：已提交的案件保存在本机，注册后自动上传</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机时钟与登记服务器相差过大（服务器时间 {server_time}）。请校准本机时间后再同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机未安装人脸比对组件，请使用服务端比对或联系管理员安装</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机磁盘剩余空间不足（剩余 {free} MB，至少需要 {need} MB），暂停新的提交；已有案件和待上传数据完好。请清理磁盘</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本案不需要</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本案不需要（{cond}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本次申请变更的事项为“{change.kind}”，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本次申请方式为“{cancel.applicant_mode}”，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本次申请登记是否为您（贵单位）的真实意思表示？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>权利人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料“{name}”最多{max}页，已有{have}页，本次{n}页超出上限，未保存。请删除多余页面或分批采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料“{name}”最多{max}页，已满。请先删除不需要的页面再采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料“{name}”最多{n}页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料清单</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>条件不满足</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>条件：{c}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>条码中的{label}无效：{error}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>条码识别组件“{name}”未安装，请联系运维人员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>查看</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>查询授权书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>标记所选批次已移交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核对完成，待提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核验状态：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件 {id} 尚无办理结果（受理、不予受理或补正），无法生成“{name}”。请在同步收到登记机构的结果后再打印</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件 {id} 已提交（状态：{state}），不能重复提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件 {id}：{state}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件列表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件尚不完整，不能提交（{n}处）：{first}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件尚未完整，不能标记为待提交：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>案件状态不能从“{a}”变为“{b}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>模拟读卡器（演示卡，不能用于真实业务）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在处理……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在处理上一批材料，请稍候</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在打开加密数据库……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在打开摄像头…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在打开高拍仪……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在查找扫描仪……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在生成文书……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在读取银行备案材料……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在连接读卡器……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在采集：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正常</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>比对：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>民族：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有拍到稳定的画面，请将材料放平、手离开画面后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有拿到有效的页面图像，请重新拍摄或扫描</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有移交批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有读取数据库文件 {path} 的权限</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>法人或其他组织</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>注册需要服务器证书指纹（服务器启动时显示）。请用 --ca-fingerprint 提供；确需首次信任时用 --tofu</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>注销抵押的不动产坐落于 {property.location}（权证号 {property.certificate_number}），是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>添加{role}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>清除重签</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>港澳台居民居住证</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>照片中未检测到人脸，请重新采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>照片无法读取，请重新采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>照片：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>版本</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>状态：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>现有抵押对应的贷款类型是？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>生成“{name}”需要案件及其业务类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>生效的法律文书（证明抵押权消灭）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>用所选案件创建移交批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>用途</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>由系统生成（打印签字后随案移交）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人身份证号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人身份证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人（银行经办人）身份证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请信息已修改，与询问笔录不再一致：请相关当事人重新询问并签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请信息已修改，已生成的文书已过期：请重新生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请信息或询问记录已修改，已生成的文书已过期，请重新生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请将坐落变更为“{change.new_location}”，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请将权利人姓名（名称）变更为“{change.new_name}”，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请将身份证明号码变更为 {change.new_id_number}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请将面积变更为 {change.new_area} 平方米，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请方式</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请材料是否由您（或您委托的代理人）自愿签署？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请注销的抵押权不动产登记证明号为 {change.registration_certificate}，是否属实？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>电话号码格式不正确：手机号为11位，固定电话请加区号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>画面中只能有一人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言（重启后生效）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登簿号：{n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记原因</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记服务器</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记服务器上没有该对象</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记服务器不认可本机身份：{message}。同步已停止，请联系管理员重新注册设备</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记服务器：{message}（{code}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记机构发来：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登记机构要求补正</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>真实性承诺：本人（本单位）承诺，本次申请登记所提交的全部材料及所作陈述均真实、合法、有效，复印件与原件一致，申请登记事项为本人（本单位）真实意思表示；如有隐瞒真实情况、提供虚假材料或虚假陈述，本人（本单位）愿承担由此产生的一切法律责任。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确定删除草稿 {id}？此操作会记入审计日志。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认签署授权书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>磁盘空间不足，案件未能提交（案件保持原状，未留下半成品文件）。请清理磁盘后重新提交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>磁盘空间已满，本次修改未保存（原有数据完好）。请清理磁盘后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>离线</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>移交人 {by} {at}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>移交批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>移交期限</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>程序内部错误，已记录日志。您的数据已保存，请重试或联系运维人员。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>立即同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第 {rev} 版：请按以下清单一次补齐后重新提交。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第18位校验码应为{expected}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第3至8位应为行政区划代码（数字）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第{pages}页可能空白、模糊或过暗，请检查后重拍</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第{pos}位字符“{ch}”不允许（代码不含 I、O、S、V、Z）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>签发机关：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>签名即确认询问笔录（共{n}问）内容真实、正确，并作出真实性承诺。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>签名笔迹过少或过小，请用正楷完整签写姓名后再确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>系统生成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>纸质原件移交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>纸质原件移交……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>组合贷款</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>结果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>统一社会信用代码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>统一社会信用代码应为18位，现为{n}位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>缺</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>自然人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>草稿</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>营业执照</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>被担保主债权数额（元）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>被询问人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>视情况</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>视频源已结束或无法读取，请检查文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>设备编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>设置</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证书及电子证明领取</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件号码不一致</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件号码：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件已过期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件已过期，不能用于身份核验，请当事人出示有效证件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件文字信息长度错误，请重新读卡</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件有效期无法识别，请人工核验证件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件照片无法编码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件种类</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件种类与主体类型不符</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件类型：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件：{label} {id}，有效期至 {to}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证明号 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问与签名已完成，可以生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问已结束，无需再回答</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问笔录与签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问笔录模板 {file} 有误，位置 {where}：{text}。请修正该文件或更新业务目录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问终止，本案不能继续办理：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问终止，本案不能继续办理：{reason}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>询问终止：{reason}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该不动产为单独所有还是共有？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该不动产是否含有国有资产份额？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该不动产是否存在权属争议，或已被查封、冻结？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该不动产是否已设定其他抵押权？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该不动产目前是否已设定抵押？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该房屋是否存在扩建、加建或改建等情况？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该房屋是否已预售给他人，或已被查封？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该抵押权是否已因主债权清偿等原因消灭？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>语言与服务器……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请{name}正对镜头，完成提交前的人脸核验</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请{who}在下方签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请{who}签署不动产登记资料查询授权书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请从以下选项中选择：{choices}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请保持不动</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先选择一个移交批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先选择要移交纸质材料的案件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先选择要采集人脸的当事人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请回答“是”或“否”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请回答此问题后再继续</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请在左侧选择当事人，点击“开始询问”。每位当事人分别回答，确认后在签名板上签名。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请在签名区内手写签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写“{label}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写不动产单元号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写当事人的{label}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写统一社会信用代码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写身份证号码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请将材料平放在高拍仪下，手离开画面后自动拍摄</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请当事人正对镜头</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请把头摆正</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请把证件放在读卡区……</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请正对镜头</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请添加{role}（至少{n}人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请眨一下眼睛</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请睁开眼睛</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请离远一点</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请缓慢转头，再看回镜头</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请说明共有人之间的约定内容：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请选择业务类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请采集材料“{name}”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请靠近一点</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读到的证件号码 {card} 与已录入的 {entered} 不一致。
是否用读卡信息覆盖该当事人的姓名、证件号码和地址？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡中途证件被移开，请把身份证放稳后重新读卡</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器不可用：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器厂商库无响应，请重新插拔读卡器后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器厂商库缺少函数 {name}，请确认库版本</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器厂商库返回的数据格式错误，请重新读卡</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器尚未打开，请先连接读卡器</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器应答不完整，请重试；反复出现请检查连接线</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器应答无法识别，请确认该端口连接的是身份证读卡器</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器无应答，请检查读卡器电源和连接线后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器无法打开</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器端口 {port} 打开失败（状态 {code}），请检查连接线和驱动</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器设置“{spec}”无法识别，请使用 auto、emulator、serial:端口 或 sdk:库路径</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器返回未知状态 {code}，请重试；反复出现请联系维护人员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器：{name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器：未连接</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器：模拟读卡器（演示证件，非真实身份）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡成功</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡时发生意外错误，请重试；反复出现请联系维护人员</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>贵单位是否同意抵押财产带押转让？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>贷款展期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份核验</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号码前17位应全为数字</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号码变更登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号码应为18位，现为{n}位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号码第18位应为数字或X</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>车位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>转移后该不动产为单独所有还是共有？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>转移登记及抵押权首次登记（含带押过户）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>转让方（义务人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>返回列表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>返回核对笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>还有{n}位当事人未完成询问笔录或签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>连接</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>送纸器（多页）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选交</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选择当事人后点击“采集人脸”</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>采集人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>采集完成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新生成文书</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新询问</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新连接读卡器</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新采集</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新采集人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额“{value}”不是有效数字</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额应大于0</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额最多保留两位小数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额过大，请核对单位（元）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>银行备案主数据（{source}）有误：{text}，请联系管理员重新同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>银行备案材料读取失败</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>银行营业执照、金融许可证及经办人身份证明</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>长期</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>附件 {id} 已损坏（校验值不符），无法提交。请重新采集该材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>除本次到场的申请人外，是否还有其他共有人？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>需补正</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>需补正 {n} 项</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>需补正（已重开为第 {rev} 版草稿，见本页上方清单）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>面积变更登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>面积应为大于0的数字，最多两位小数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>面积（平方米）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>页面是空白的，请确认材料有字的一面朝上后重拍</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>页面模糊，请放平材料、保持不动后重拍</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>页面过暗，请打开补光灯或调整光线后重拍</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预告登记及抵押预告登记</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预告登记及抵押预告登记询问笔录</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预览</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预购人（抵押人）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>首次扫描时查找设备</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>高拍仪</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>高拍仪没有画面，请检查连接后重试</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（剩{n}天）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（可先完成其他步骤）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（可在“申请信息”中手工录入）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（已过期）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（当前：{current}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（未填写）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（模拟摄像头）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（模拟读卡器）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>，已上传 {pct}%</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>；授权书已签名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>；授权书未签名</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
